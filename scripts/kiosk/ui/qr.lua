-- kiosk.ui.qr — ui.qr { text = s, size = units }: the QR code of s, drawn by
-- gfx.qr (libqrencode's matrix) as crisp dark modules on a white quiet
-- zone, each module a whole number of pixels. It takes a size x size square
-- (less when the width it is given is smaller) and centres the code in it;
-- the code itself may be a little smaller than the square, since the
-- modules are rounded down to whole pixels. Optional: dark, light (colours).
--
--   ui.qr { text = prize.issue().qr, size = 240 }
local core = require "kiosk.ui.core"

local Qr = core.class("qr")

function Qr:measure(avail_w)
  local s = math.min(self.size or 240, avail_w)
  return s, s
end

function Qr:draw()
  local s = math.min(self.w, self.h)
  gfx.qr(self.text, self.x + (self.w - s) / 2, self.y + (self.h - s) / 2, s, self.dark, self.light)
end

-- Changes the text shown (the same square: no new layout).
function Qr:set_text(text)
  assert(type(text) == "string" and text ~= "", "ui.qr needs text")
  self.text = text
  kiosk.redraw()
end

return {
  qr = function(props)
    assert(type(props) == "table" and type(props.text) == "string" and props.text ~= "",
           "ui.qr needs text (a non-empty string)")
    assert(props.size == nil or (type(props.size) == "number" and props.size > 0), "ui.qr: size is in units, > 0")
    return core.new(Qr, props)
  end,
}
