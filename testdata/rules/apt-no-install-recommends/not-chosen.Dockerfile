FROM debian:bookworm-slim AS tools
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
# A stage that is not built FROM the one that chose: every install counts.
FROM debian:bookworm-slim
COPY --from=tools /usr/bin/curl /usr/bin/curl
# want "apt-no-install-recommends"
RUN apt-get update && apt-get install -y git && rm -rf /var/lib/apt/lists/*
# want "apt-no-install-recommends"
RUN apt-get update && apt-get install -y make && rm -rf /var/lib/apt/lists/*
