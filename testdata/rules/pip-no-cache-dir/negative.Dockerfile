FROM python:3.12 AS build
RUN pip wheel -w /wheels -r requirements.txt && pip install build

FROM python:3.12-slim
RUN pip install --no-cache-dir -r requirements.txt
RUN python -m pip install --no-cache-dir --upgrade pip
RUN PIP_NO_CACHE_DIR=1 pip install flask
RUN export PIP_NO_CACHE_DIR=off && pip install gunicorn
RUN pip install uvicorn && rm -rf ~/.cache/pip
RUN pip install httpx && rm -rf /root/.cache
RUN pip install rich && pip cache purge
RUN --mount=type=cache,target=/root/.cache/pip pip install numpy
RUN --mount=type=cache,target=/home/app/.cache/pip,uid=1000 pip install pandas
# not installs
RUN pip download -d /tmp/x requests && pip list && python -m venv /v
ENV PIP_NO_CACHE_DIR=1
RUN pip install django
