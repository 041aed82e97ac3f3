FROM golang:1.22 AS build
RUN go build -o /app .
FROM python:3.12-bookworm
COPY --from=build /app /app
