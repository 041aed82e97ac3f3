FROM golang:1.22 AS Build
RUN go build -o /app .
FROM Build AS Test
RUN go test ./...
FROM alpine:3.19
COPY --from=Build /app /app
RUN --mount=type=bind,from=BUILD,target=/src ls /src
