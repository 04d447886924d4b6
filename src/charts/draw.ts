/**
 * The one module that makes pixels: a {@link Picture}'s SVG → PNG with @napi-rs/canvas (Skia, prebuilt in
 * its npm package: no system libraries, no download at install). Text is set in Inter, loaded from the
 * @expo-google-fonts/inter package's TTF files, so a picture looks the same on every machine. Rendered
 * pictures are cached by their inputs, since the same chart is asked for again and again.
 */
import { createRequire } from "node:module";
import { type Canvas, createCanvas, GlobalFonts, Image } from "@napi-rs/canvas";
import { FONT, type Picture } from "./svg.ts";

/** A picture with its pixels. */
export interface RenderedPicture {
  name: string;
  width: number;
  height: number;
  alt: string;
  /** The SVG the PNG was drawn from, kept so a caller can check or save what it shows. */
  svg: string;
  png: Buffer;
}

const require = createRequire(import.meta.url);
let fontsLoaded = false;

/** Registers the regular and bold Inter faces once per process. */
function loadFonts(): void {
  if (fontsLoaded) return;
  for (const face of ["400Regular/Inter_400Regular.ttf", "700Bold/Inter_700Bold.ttf"]) {
    const file = require.resolve(`@expo-google-fonts/inter/${face}`);
    if (!GlobalFonts.registerFromPath(file, FONT)) throw new Error(`could not load the font ${file}`);
  }
  fontsLoaded = true;
}

/**
 * One canvas and one image for every render, resized as needed: Skia's pixel memory lives outside the
 * JavaScript heap, so the garbage collector does not hurry to free a canvas per picture (a fresh pair per
 * render grew RSS by ~6 MB each). Rendering is synchronous, so nothing else can use them meanwhile.
 */
let surface: { canvas: Canvas; image: Image } | null = null;

/** Draws `picture` and encodes it as PNG; identical SVG gives identical bytes. */
export function renderPng(picture: Picture): Buffer {
  loadFonts();
  surface ??= { canvas: createCanvas(picture.width, picture.height), image: new Image() };
  const { canvas, image } = surface;
  // Setting the size clears the canvas, even when it is unchanged.
  canvas.width = picture.width;
  canvas.height = picture.height;
  image.src = Buffer.from(picture.svg);
  canvas.getContext("2d").drawImage(image, 0, 0, picture.width, picture.height);
  return canvas.toBuffer("image/png");
}

/** Rendered pictures by the inputs that determine them. */
export interface PictureCache {
  /** The picture for `key`, built and drawn on the first request only; `build` must depend on nothing but `key`. */
  get(key: string, build: () => Picture): RenderedPicture;
  /** How many pictures are held. */
  readonly size: number;
}

/** A cache of at most `capacity` pictures, dropping the least recently used. */
export function createPictureCache(capacity = 64): PictureCache {
  const held = new Map<string, RenderedPicture>();
  return {
    get(key, build) {
      const hit = held.get(key);
      if (hit) {
        // Re-inserting moves it to the end: Map keeps insertion order, so the first key is the oldest use.
        held.delete(key);
        held.set(key, hit);
        return hit;
      }
      const picture = build();
      const rendered = { ...picture, png: renderPng(picture) };
      held.set(key, rendered);
      if (held.size > capacity) held.delete(held.keys().next().value!);
      return rendered;
    },
    get size() {
      return held.size;
    },
  };
}
