FROM golang:1.22 AS build
RUN go build -o /app .
FROM build AS test
RUN go test ./...
FROM alpine:3.19
COPY --from=build /app /app
RUN --mount=type=bind,from=build,target=/src ls /src
