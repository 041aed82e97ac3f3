FROM node:20-slim
WORKDIR /app
# want "js-cache-not-cleaned"
RUN npm ci --omit=dev
# want "js-cache-not-cleaned"
RUN npm install -g pm2 && npm run build
# want "js-cache-not-cleaned"
RUN yarn install --frozen-lockfile
# bare yarn installs too
# want "js-cache-not-cleaned"
RUN yarn --production
# want "js-cache-not-cleaned" "js-cache-not-cleaned"
RUN npm i && yarn global add serve
