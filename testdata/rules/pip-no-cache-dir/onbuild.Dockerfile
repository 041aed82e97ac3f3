FROM python:3.12-slim
# want "pip-no-cache-dir"
ONBUILD RUN pip install -r requirements.txt
ONBUILD RUN pip install --no-cache-dir flask
