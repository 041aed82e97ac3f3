FROM golang:1.22
WORKDIR /src
ENV GOFLAGS=-mod=vendor APP_ENV=production
COPY . .
RUN go mod download && go build -trimpath -ldflags "-s -w" -o server ./cmd/server

# listen here
EXPOSE 8080
USER 65532:65532
# start the server
CMD ./server --port 8080
