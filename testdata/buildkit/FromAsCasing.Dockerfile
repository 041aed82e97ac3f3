FROM alpine as build
FROM alpine AS ok
from alpine AS bad
From alpine as mixed
