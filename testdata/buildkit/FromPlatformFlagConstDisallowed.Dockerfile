FROM --platform=linux/amd64 alpine AS build
FROM --platform=linux/arm64 alpine AS build-arm64
FROM --platform=linux alpine AS onlinux
FROM --platform=windows/amd64 alpine AS win
FROM --platform=linux/arm/v7 alpine
