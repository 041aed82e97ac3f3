ARG PY=3.12
FROM golang:1.22 AS build
RUN go build -o /app .
# want "large-base-image"
FROM python:${PY}
COPY --from=build /app /app
