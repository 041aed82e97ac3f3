FROM alpine AS a
ENTRYPOINT my-app --serve
CMD ["ok"]

FROM alpine AS b
SHELL ["/bin/bash", "-c"]
CMD echo fine with shell

FROM b
cmd echo still fine, inherited shell
ONBUILD CMD echo not checked
