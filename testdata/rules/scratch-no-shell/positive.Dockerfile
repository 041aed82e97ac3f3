FROM golang:1.22 AS build
RUN go build -o /app .
FROM scratch
COPY --from=build /app /app
# want "scratch-no-shell"
RUN chmod +x /app
# want "scratch-no-shell"
HEALTHCHECK CMD /app health
# want "scratch-no-shell"
CMD /app --port 8080
