# The IGF review bot in a container. Run it with a restart policy, so a crash starts a fresh process:
#   docker build -t igf-review-bot .
#   docker run -d --name igf-review-bot --restart unless-stopped --env-file .env \
#     -v igf-review-bot-data:/data igf-review-bot
# `docker stop` sends SIGTERM: queued askers are told the bot is restarting and the state is flushed.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
ENV NODE_ENV=production DATA_FILE=/data/state.json
RUN mkdir -p /data && chown node:node /data
VOLUME /data
USER node
STOPSIGNAL SIGTERM
CMD ["node", "--max-semi-space-size=4", "--import", "tsx", "src/main.ts"]
