FROM python:3.12-slim
RUN pip install --no-cache-dir -r requirements.txt
RUN pip3 install --no-cache-dir -U pip && python3 -m pip install --no-cache-dir poetry
RUN /opt/venv/bin/pip3.12 install --no-cache-dir \
      --prefix /install \
      flask
