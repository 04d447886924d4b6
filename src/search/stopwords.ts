/**
 * Words that carry no evidence in a question or a passage: English function words and the question words
 * people put in front of what they ask ("what role does X play in Y" asks about X and Y), and the pieces of
contractions ("I've", "doesn't").
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are as at be because been before being below between
both but by can could did do does doing down during each few for from further had has have having he her here
hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off
on once only or other our ours ourselves out over own same she should so some such than that the their theirs
them themselves then there these they this those through to too under until up very was we were what when where
which while who whom why will with would you your yours yourself yourselves known called named tell explain
describe please whether does did done get got give given shown show shows showed may might must shall etc vs
e.g i.e et al
role play plays played
ve ll re don doesn isn aren didn wasn weren haven hasn couldn wouldn shouldn`.split(/\s+/),
);
