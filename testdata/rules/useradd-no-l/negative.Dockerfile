FROM debian:bookworm-slim
RUN useradd app
RUN useradd -u 12345 app2
RUN useradd -l -u 123456 app3
RUN useradd --no-log-init -u 1000000 app4
RUN adduser --uid 1000000 --disabled-password app5
