FROM python:3.12-slim
# The trigger runs after the whole stage, with every ENV of it.
ONBUILD RUN pip install -r requirements.txt
ENV PIP_NO_CACHE_DIR=1
