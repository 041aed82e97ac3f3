# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS win
FROM debian:bookworm-slim
RUN apt-get update `
    && apt-get install -y --no-install-recommends curl `
    && rm -rf /var/lib/apt/lists/*
