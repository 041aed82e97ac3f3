FROM node:20-slim AS deps
WORKDIR /app
COPY package*.json ./
RUN npm ci
COPY . .
RUN npm run build

# the install is in another stage than the COPY
FROM node:20-slim AS copy-only
WORKDIR /app
COPY . .

FROM copy-only AS other
RUN echo nothing to install here

FROM golang:1.22 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app .

FROM python:3.12-slim
WORKDIR /srv
COPY requirements.txt .
RUN DEBIAN_FRONTEND=noninteractive pip install --no-cache-dir -r requirements.txt
COPY . .
# packages by name and the project itself need no manifest first
RUN pip install --no-cache-dir gunicorn && pip install --no-cache-dir .
RUN npm install -g typescript
COPY --from=build /out/app /usr/local/bin/app
