FROM node:22-slim
# want "js-cache-not-cleaned"
ONBUILD RUN yarn install
ONBUILD RUN yarn install && yarn cache clean
