FROM python:3.12-slim
WORKDIR /app
COPY --chown=app:app requirements.txt .
COPY settings.ini conf/settings.ini
RUN chown app conf/settings.ini \
    && chmod 640 conf/settings.ini
USER app
