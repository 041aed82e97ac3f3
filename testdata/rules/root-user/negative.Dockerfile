FROM node:22-slim
WORKDIR /app
COPY . .
USER root
RUN npm ci --omit=dev && npm cache clean --force
USER node
CMD ["node", "server.js"]
