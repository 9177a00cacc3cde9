-- deliberately broken: a syntax error on line 3
local x =
  = 1
return x
