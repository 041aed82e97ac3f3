# The base image is given at build time: it may set PIP_NO_CACHE_DIR.
ARG BASE_IMAGE
FROM ${BASE_IMAGE}
RUN pip install sentry-plugin==1.0
# The positive twin: an image whose environment is known.
FROM python:3.12-slim
# want "pip-no-cache-dir"
RUN pip install flask==3.0.3
