# The dependencies are built before the sources are copied: cargo-chef.
FROM rust:1.80 AS chef
RUN cargo install cargo-chef
WORKDIR /app
FROM chef AS planner
COPY . .
RUN cargo chef prepare --recipe-path recipe.json
FROM chef AS builder
COPY --from=planner /app/recipe.json recipe.json
RUN cargo chef cook --release --recipe-path recipe.json
COPY . .
RUN cargo build --release

# A dummy build of the manifests alone.
FROM rust:1.80 AS dummy
WORKDIR /app
COPY Cargo.toml Cargo.lock ./
RUN mkdir src && echo 'fn main() {}' > src/main.rs && cargo build --release
COPY . .
RUN cargo build --release

# The Gradle wrapper fetches the dependencies first.
FROM eclipse-temurin:21-jdk AS gradle
WORKDIR /app
COPY gradlew settings.gradle build.gradle ./
COPY gradle gradle
RUN ./gradlew dependencies --no-daemon
COPY . .
RUN ./gradlew build --no-daemon

# The install ran in the stage this one is built FROM.
FROM node:22 AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
FROM deps AS web
COPY . .
RUN npm ci --offline

# A cache mount keeps the packages: a source edit re-runs a fast install.
FROM node:22 AS cached
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/root/.npm npm ci

# The manifest is optional: the install tests for it first.
FROM python:3.12-slim AS hook
COPY . /usr/src/app
RUN if [ -s /usr/src/app/requirements.txt ]; then pip install --no-cache-dir -r /usr/src/app/requirements.txt; fi

# One file without an extension is no folder.
FROM node:22-slim
WORKDIR /app
COPY LICENSE ./
RUN npm ci
COPY --from=builder /app/target/release/app /usr/local/bin/
COPY --from=dummy /app/target/release/app /usr/local/bin/app2
COPY --from=gradle /app/build/libs /opt/libs
COPY --from=web /app/dist /srv
COPY --from=cached /app/dist /srv2
COPY --from=hook /usr/src/app /srv3
