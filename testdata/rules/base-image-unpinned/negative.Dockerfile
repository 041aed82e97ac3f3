ARG TAG=3.20
ARG GIVEN
ARG GO_VERSION
FROM alpine:${TAG} AS a
FROM golang:1.22-alpine AS build
RUN go version
# A stage of this file is pinned where it is built.
FROM build AS test
RUN go vet ./...
FROM ruby@sha256:f1dbca0f5dbc9e5f1a7e1d4c7b4c0d1e2f3a4b5c6d7e8f90a1b2c3d4e5f6a7b8
FROM debian:latest@sha256:7959ed6f7e35f8b1aaa06d1d8259d4ee25aa85a086d5c125480c333183f9deeb
# Given at build time: no default to judge.
FROM ${GIVEN}
FROM golang:${GO_VERSION}
FROM binary-$TARGETOS
FROM scratch
COPY --from=build /go/bin/app /app
