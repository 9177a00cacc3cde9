-- bench/frames: three seconds of animation in real time (not a replay): a
-- 60-line text block sliding, redrawn every frame. qk_bench_frames counts the
-- frames presented, so the frame pacing shows: 60 fps when a frame's work
-- fits in 16 ms.
local lines = {}
for i = 1, 60 do lines[#lines + 1] = ("第 %d 行：客户服务专员在处理跨部门协作时，以下哪项行为最规范？"):format(i) end
local text = table.concat(lines, "\n")
local y = 0
kiosk.animate(3000)
return {
  draw = function()
    gfx.clear({ 244, 246, 250 })
    gfx.text(text, 40, 40 - y, { size = 28, width = 1200 })
  end,
  update = function(dt) y = (y + dt * 0.3) % 400 end,
}
