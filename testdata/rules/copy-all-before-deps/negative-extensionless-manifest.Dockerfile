# A requirements file without an extension, copied first, is a manifest,
# not a directory of sources.
FROM python:3.12-slim
COPY requirement /code/
WORKDIR /code
RUN pip install --no-cache-dir -r requirement
COPY . /code/
