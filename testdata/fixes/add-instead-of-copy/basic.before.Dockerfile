FROM python:3.12-slim
WORKDIR /app
# dependencies first
ADD requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
add --chown=app:app --link . .
ADD app.tar.gz /opt/
ADD <<EOF /etc/app.conf
debug = false
EOF
CMD ["python", "main.py"]
