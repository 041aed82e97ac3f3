FROM python:3.12-slim
WORKDIR /app
COPY --chown=app:app requirements.txt .
COPY --chown=app:root --chmod=640 keystore.p12 conf/keystore.p12
USER app
