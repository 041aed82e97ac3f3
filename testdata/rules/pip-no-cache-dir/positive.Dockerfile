FROM python:3.12-slim
# want "pip-no-cache-dir"
RUN pip install -r requirements.txt
# want "pip-no-cache-dir" "pip-no-cache-dir"
RUN pip3 install -U pip && python3 -m pip install poetry
# want "pip-no-cache-dir"
RUN /opt/venv/bin/pip3.12 install --prefix /install flask
# a removal before the install does not help
# want "pip-no-cache-dir"
RUN rm -rf /root/.cache/pip && pip install gunicorn
# another tool's cache mount
# want "pip-no-cache-dir"
RUN --mount=type=cache,target=/root/.npm pip install uvicorn
