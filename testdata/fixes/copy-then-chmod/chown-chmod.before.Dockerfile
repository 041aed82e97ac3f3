FROM python:3.12-slim
WORKDIR /app
COPY --chown=app:app requirements.txt .
COPY keystore.p12 conf/keystore.p12
RUN chown app conf/keystore.p12 \
    && chmod 640 conf/keystore.p12
USER app
