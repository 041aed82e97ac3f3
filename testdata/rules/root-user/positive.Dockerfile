FROM node:22-slim
WORKDIR /app
COPY . .
RUN npm ci --omit=dev && npm cache clean --force
# want "root-user"
USER root
CMD ["node", "server.js"]
