FROM node:20-slim
WORKDIR /app
COPY --chown=node:node package.json package-lock.json ./
RUN npm ci --omit=dev
# the whole app
COPY --chown=node:node . .
USER node
CMD ["node", "server.js"]
