FROM node:22-slim
RUN --mount=type=cache,target=/root/.npm,sharing=locked npm ci
RUN --mount=type=bind,source=package.json,target=/app/package.json,ro true
RUN --mount=type=tmpfs,target=/tmp,size=64m make
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc,mode=0600,required=true npm ci
RUN --mount=type=ssh,id=default,required git clone git@github.com:example/app.git
RUN --mount=type=cache,target=$HOME/.cache,id=cache-$TARGETARCH true
RUN --mount=type=cache,target=/x,uid=1000,gid=1000,mode=0755 true
RUN --mount=target=/src,source=. ls /src
