FROM python:3.12-slim
RUN pip install -r requirements.txt
RUN pip3 install -U pip && python3 -m pip install poetry
RUN /opt/venv/bin/pip3.12 install \
      --prefix /install \
      flask
