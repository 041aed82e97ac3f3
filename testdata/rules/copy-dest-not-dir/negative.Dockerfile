FROM node:22-slim
WORKDIR /app
COPY package.json yarn.lock ./
COPY package.json yarn.lock /app/
COPY a b "dist/"
COPY a b .
COPY a b ./.
COPY one /one
COPY ["a", "b", "/c"]
ARG DEST=/app/
COPY a b $DEST
