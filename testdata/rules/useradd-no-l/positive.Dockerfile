FROM debian:bookworm-slim
# want "useradd-no-l"
RUN useradd -u 123456 app
# want "useradd-no-l"
RUN groupadd -g 1000000 app && useradd --uid 1000000 -g app app
