FROM golang:1.22 AS build
RUN go build -o /app .
from alpine:3.19 as final
COPY --from=build /app /app
