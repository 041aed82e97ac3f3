# want "sdk-image-in-final-stage"
FROM golang:1.22
WORKDIR /src
COPY . .
RUN go build -o /app .
ENTRYPOINT ["/app"]
