FROM debian:bookworm-slim
WORKDIR /app
# runtime libraries
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpq5 \
 && rm -rf /var/lib/apt/lists/*
# application code
COPY . .
EXPOSE 8080
CMD ["/app/run"]
