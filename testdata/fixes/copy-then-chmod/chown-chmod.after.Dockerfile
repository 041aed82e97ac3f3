FROM python:3.12-slim
WORKDIR /app
COPY --chown=app:app requirements.txt .
COPY --chown=app:root --chmod=640 settings.ini conf/settings.ini
USER app
