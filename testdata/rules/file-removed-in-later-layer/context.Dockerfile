# context: .dockerignore tests tests/test_app.py app.py
FROM python:3.12-slim
COPY . /app
# want "file-removed-in-later-layer"
RUN rm -rf /app/tests
# not in the context: nothing to say
RUN rm -rf /app/build
