FROM node:22-slim
# want "mount-invalid"
RUN --mount=type=cache,targt=/root/.npm npm ci
# want "mount-invalid"
RUN --mount=type=cach,target=/root/.npm npm ci
# want "mount-invalid"
RUN --mount=type=cache,target=/root/.npm,sharing=lockd npm ci
# want "mount-invalid"
RUN --mount=type=tmpfs,target=/tmp,mode=0755 make
# want "mount-invalid"
RUN --mount=type=bind,source=.,target=/src,required make -C /src
# want "mount-invalid"
RUN --mount=type=secret,id=npmrc,sharing=locked npm ci
# want "mount-invalid"
RUN --mount=type=cache,target=/x,uid=node true
