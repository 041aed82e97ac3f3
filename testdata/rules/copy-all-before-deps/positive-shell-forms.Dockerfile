# escape=`
FROM node:20-slim
WORKDIR /app
# want "copy-all-before-deps"
COPY . .
RUN if [ -f yarn.lock ]; then `
      yarn install --frozen-lockfile; `
    else `
      npm ci; `
    fi

FROM php:8.3-cli
WORKDIR /var/www
# want "copy-all-before-deps"
COPY . .
RUN <<EOF
set -e
COMPOSER_ALLOW_SUPERUSER=1 composer install --no-dev
EOF

FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /app
# want "copy-all-before-deps"
COPY . .
RUN mvn -B package -DskipTests
