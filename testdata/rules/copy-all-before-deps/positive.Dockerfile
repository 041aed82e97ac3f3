FROM node:20-slim
WORKDIR /app
# want "copy-all-before-deps"
COPY . .
RUN npm ci

FROM ruby:3.3-slim
# want "copy-all-before-deps"
ADD . /app
WORKDIR /app
RUN bundle install

FROM python:3.12-slim
WORKDIR /srv
# want "copy-all-before-deps"
COPY ./ ./
RUN PIP_DISABLE_PIP_VERSION_CHECK=1 python3 -m pip install --no-cache-dir -r requirements/prod.txt

FROM golang:1.22 AS build
WORKDIR /src
# want "copy-all-before-deps"
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app

FROM ubuntu:22.04
WORKDIR /opt
# want "copy-all-before-deps"
COPY . /opt/
RUN service postgresql start && psql < db/schema.sql
RUN cd app && npm install
