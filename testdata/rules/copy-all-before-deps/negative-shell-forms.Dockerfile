# escape=`
FROM node:20-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN if [ -f package-lock.json ]; then `
      NODE_ENV=production npm ci; `
    fi
COPY . .

FROM ruby:3.3-slim
WORKDIR /app
COPY Gemfile Gemfile.lock ./
RUN <<EOF
bundle config set deployment true
bundle install
EOF
COPY . .
RUN bundle exec rake assets:precompile

FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /app
COPY pom.xml .
RUN mvn dependency:go-offline
COPY src ./src/
RUN mvn -B package -DskipTests
