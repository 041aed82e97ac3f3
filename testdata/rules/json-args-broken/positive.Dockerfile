FROM python:3.12-slim
# want "json-args-broken"
CMD ['python', 'app.py']
# want "json-args-broken"
ENTRYPOINT ["python", "app.py"] # run the app
# want "json-args-broken"
HEALTHCHECK CMD ["curl", "-f", "http://localhost/"] || exit 1
# want "json-args-broken"
RUN ["pip", "install" "flask"]
