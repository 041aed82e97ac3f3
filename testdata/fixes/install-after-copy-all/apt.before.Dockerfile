FROM debian:bookworm-slim
WORKDIR /app
# application code
COPY . .
EXPOSE 8080
# runtime libraries
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpq5 \
 && rm -rf /var/lib/apt/lists/*
CMD ["/app/run"]
