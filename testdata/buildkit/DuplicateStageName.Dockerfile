FROM alpine AS build
FROM alpine AS context
FROM alpine AS BUILD
FROM alpine AS scratch
