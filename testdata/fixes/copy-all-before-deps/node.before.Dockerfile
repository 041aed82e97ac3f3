FROM node:20-slim
WORKDIR /app
# the whole app
COPY --chown=node:node . .
RUN npm ci --omit=dev
USER node
CMD ["node", "server.js"]
