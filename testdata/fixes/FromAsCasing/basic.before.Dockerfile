FROM golang:1.22 as build
RUN go build -o /app .
from alpine:3.19 AS final
COPY --from=build /app /app
