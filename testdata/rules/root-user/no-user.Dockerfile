FROM golang:1.22 AS build
RUN go build -o /app .
# want "root-user"
FROM debian:bookworm-slim
COPY --from=build /app /usr/local/bin/app
ENTRYPOINT ["app"]
